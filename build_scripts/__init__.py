"""Everything that assembles the site: page generation, runtime assembly, serving."""
