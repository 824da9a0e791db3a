"""What socialbot needs each platform to grant, and why (docs/accounts.md cites the sources).

`publish` names the permissions without which a scheduled post cannot go out: the daemon
holds that platform's deliveries (and tells approvers) when a token is known to lack one.
`watch` names those without which socialbot could not read or hide the comments people leave
on a post: the product promises to watch every post it publishes, so these hold publishing
too, unless the practice chose to publish there unwatched (SOCIALBOT_PUBLISH_UNWATCHED).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Permission:
    name: str
    why: str
    publish: bool = False  # needed to publish (not only to read or moderate comments)
    watch: bool = False  # needed to read or hide comments on what we publish


NEEDS: dict[str, tuple[Permission, ...]] = {
    "linkedin": (
        Permission("w_organization_social", "post, comment and delete as the organization",
                   publish=True),
        Permission("r_organization_social", "read the organization's posts and comments",
                   watch=True),
        Permission("rw_organization_admin",
                   "find the organizations the member administers (connect)"),
    ),
    "facebook": (
        Permission("pages_manage_posts", "publish to the Page", publish=True),
        Permission("pages_read_engagement", "read the Page's posts (needed with "
                   "pages_manage_posts to publish)", publish=True),
        Permission("pages_read_user_content", "read comments people leave on the Page",
                   watch=True),
        Permission("pages_manage_engagement", "hide, delete and answer comments", watch=True),
        Permission("pages_show_list", "list the Pages the person manages (connect)"),
    ),
    # X: OAuth 1.0a user tokens carry the app's access level rather than scopes.
    "x": (
        Permission("read-write", "post, reply and hide replies (the app's access level)",
                   publish=True),
    ),
}


def needed(platform: str) -> tuple[str, ...]:
    return tuple(p.name for p in NEEDS[platform])


def needed_to_publish(platform: str, *, watched: bool = True) -> tuple[str, ...]:
    """What a post needs before it goes out: to publish it, and (`watched`) to read and hide
    the comments on it."""
    return tuple(p.name for p in NEEDS[platform] if p.publish or (watched and p.watch))


def missing(platform: str, granted: tuple[str, ...] | frozenset[str] | None,
            *, to_publish: bool = False, watched: bool = True) -> tuple[str, ...]:
    """The needed permissions `granted` lacks (nothing when `granted` is unknown); with
    `to_publish`, only those that hold publishing (`watched`: comment reading counts)."""
    if granted is None:
        return ()
    have = set(granted)
    if platform == "x":  # access levels nest: read-write-directmessages includes read-write
        return () if any("write" in level for level in have) else ("read-write",)
    wanted = needed_to_publish(platform, watched=watched) if to_publish else needed(platform)
    return tuple(name for name in wanted if name not in have)


def only_to_watch(platform: str, names: tuple[str, ...]) -> bool:
    """Whether every one of `names` is needed only to read or hide comments."""
    watching = {p.name for p in NEEDS[platform] if p.watch and not p.publish}
    return bool(names) and set(names) <= watching
