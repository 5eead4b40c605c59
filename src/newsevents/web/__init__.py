"""The analyst's desk (`newsevents serve`): a JSON API, pages to read incidents on a map, a
timeline and a table, each incident with its evidence, and review with an audit trail.

app.py     the FastAPI application: security headers, the one error shape, the pages
api.py     the JSON API under /api (OpenAPI description at /openapi.json, read at /docs)
queries.py listing incidents with filters, sorting and pagination; counts for the timeline
marks.py   a report's text with its evidence quotes marked, escaped for HTML
token.py   the bearer token that writes need, kept in a file only its owner reads

Everything the pages load is served by the package itself (static/, with the front-end
libraries `make assets` puts in static/vendor): nothing comes from a CDN, and no script is
inline, so a Content-Security-Policy forbids any.
"""
