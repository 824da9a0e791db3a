"""The daemon's HTTP endpoint: chat approvals (Slack, Mattermost), health and metrics."""

from social_bot.web.asgi import build_asgi_app
from social_bot.web.server import ServerHandle, serve, serve_in_thread

__all__ = ["ServerHandle", "build_asgi_app", "serve", "serve_in_thread"]
