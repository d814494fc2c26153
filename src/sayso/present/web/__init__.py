"""``sayso serve``: the corpus in a local web app, each page also a JSON API under ``/api``.

Read in this order: ``app`` assembles it (state, middleware, error pages, routers); ``state``
is what every route reads (the database, a store per request, what is computed from the
whole database, the page renderer); ``queries`` the filters an address gives and the lists
they keep; ``pages`` the HTML pages; ``api`` their JSON twins, with the response models of
``schemas``; ``upload`` the upload form, only where ``allow_ingest`` is given. Requests share
a few open connections (``StorePool``), each request's queries under a time limit. The app
is read-only unless started with ``allow_ingest``, which adds an upload form guarded by a
token.
"""

from sayso.present.web.app import ENVIRONMENT, ServeConfig, app_from_environment, create_app

__all__ = ["ENVIRONMENT", "ServeConfig", "app_from_environment", "create_app"]
