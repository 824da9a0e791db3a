"""The daemon: exactly-once publishing, comment monitoring, and the process that runs them.

Import the parts you need (``social_bot.daemon.runner.Daemon``, ``.publisher.Publisher``,
``.monitor.Monitor``); this package imports nothing heavy by itself.
"""
