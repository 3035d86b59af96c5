/* mkdocs-material 9.8.1, partials/javascripts/base.html: the theme's inline head script, moved to a file so
 * that pages run under a Content-Security-Policy without 'unsafe-inline' (see README). One change: the
 * scope (the site's root, under which the theme keeps its settings in localStorage) is this file's address
 * three folders up, instead of the page's base URL written into every page. */
__md_scope=new URL("../../../",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
