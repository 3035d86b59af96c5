"""The decisions feature: who chose what on each question of the codebook, as a matrix, a codebook page and open data."""
