from social_bot.logs import secret_values


def test_webhook_urls_and_tokens_are_masked_in_logs():
    env = {"SLACK_WEBHOOK_URL": "https://hooks.slack.example/services/T0/B0/abcdef",
           "X_ACCESS_TOKEN": "tok-123456", "SOCIALBOT_HTTP_PORT": "8787"}
    masked = secret_values(env)
    assert env["SLACK_WEBHOOK_URL"] in masked and env["X_ACCESS_TOKEN"] in masked
    assert "8787" not in masked
