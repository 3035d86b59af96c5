/* mkdocs-material 9.8.1, partials/javascripts/content.html: the theme's inline script that opens the content
 * tab a link points at, moved to a file, unmodified (see README). */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
