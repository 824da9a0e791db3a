"""The chat command layer: `/socialbot` commands and Slack button clicks over the services."""

from social_bot.chat.actions import handle_action
from social_bot.chat.commands import handle_command
from social_bot.chat.reply import ChatReply

__all__ = ["ChatReply", "handle_action", "handle_command"]
