"""Platform accounts that stay connected: obtain (`connect`), store, check and watch tokens.

- `store`: the credential file (0600 in a 0700 data directory); the environment wins.
- `needs`: what each platform must grant us (scopes / permissions) and why.
- `connect_*`: the OAuth flows (requests-oauthlib for OAuth 2.0, tweepy for X's OAuth 1.0a).
- `status`: pure judgement of the facts gathered by `inspect` (expiry, scopes, API version).
- `watch`: the daemon's side: hold a platform that lost access, warn approvers before expiry.
"""
