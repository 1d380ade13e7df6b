"""`workshop serve`: the toolkit in a browser (Starlette pages, a JSON API, /verify).

Import :func:`toolkit.web.server.serve` or :func:`toolkit.web.app.create_app`; importing this
package loads nothing heavy.
"""
