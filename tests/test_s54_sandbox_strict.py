"""Session 54: the sandbox refuses what the platforms refuse (docs/history/security.md).

Every test goes over real HTTP to the sandbox, and each failed against the sandbox of main
(it took the request). Where an adapter meets the refusal, the test checks the product error
it becomes (retry or not, one line)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests
from sandbox_fixtures import module_sandbox, module_sandbox_server  # noqa: F401 - fixtures

from adapters import adapter_class
from adapters.base import AuthError, PermanentError, Rejected
from social_bot.sandbox import (
    SANDBOX_ORG_ID,
    SANDBOX_PAGE_ID,
    SandboxServer,
    sandbox_env,
)

LI_HEADERS = {"Authorization": "Bearer sandbox", "LinkedIn-Version": "202603",
              "X-Restli-Protocol-Version": "2.0.0"}
ORG = f"urn:li:organization:{SANDBOX_ORG_ID}"
OTHER_ORG = "urn:li:organization:5515716"  # the sandbox member administers it too
GRAPH = f"/facebook/v25.0/{SANDBOX_PAGE_ID}"


def make(sandbox: SandboxServer, platform: str):  # noqa: ANN201
    return adapter_class(platform).from_env(sandbox_env(sandbox.url, "sandbox"),
                                            timeout=(1.0, 5.0))


def posts(sandbox: SandboxServer, platform: str) -> list[dict]:
    return requests.get(sandbox.url + "/_sandbox/posts", timeout=5).json()[platform]


def x_auth() -> dict[str, str]:
    parts = {"oauth_consumer_key": "sandbox", "oauth_token": "sandbox",
             "oauth_signature_method": "HMAC-SHA1", "oauth_signature": "s",
             "oauth_timestamp": str(int(time.time())), "oauth_nonce": "n",
             "oauth_version": "1.0"}
    return {"Authorization": "OAuth " + ", ".join(f'{k}="{v}"' for k, v in parts.items())}


def x_photo(sandbox: SandboxServer) -> str:
    answer = requests.post(sandbox.url + "/x/2/media/upload", headers=x_auth(), timeout=5,
                           data={"media_category": "tweet_image"},
                           files={"media": ("p.png", b"\x89PNG photo", "image/png")})
    assert answer.status_code == 200, answer.text
    return answer.json()["data"]["id"]


def x_chunked(sandbox: SandboxServer, kind: str, category: str) -> str:
    url, payload = sandbox.url + "/x/2/media/upload", b"\x00" * 64
    init = requests.post(url, headers=x_auth(), timeout=5, data={
        "command": "INIT", "media_type": kind, "total_bytes": str(len(payload)),
        "media_category": category}).json()["data"]["id"]
    requests.post(url, headers=x_auth(), timeout=5, files={"media": ("c", payload)},
                  data={"command": "APPEND", "media_id": init, "segment_index": "0"})
    done = requests.post(url, headers=x_auth(), timeout=5,
                         data={"command": "FINALIZE", "media_id": init})
    assert done.status_code == 200, done.text
    return init


def tweet(sandbox: SandboxServer, media: list[str], text: str = "With media") -> requests.Response:
    return requests.post(sandbox.url + "/x/2/tweets", headers=x_auth(), timeout=5,
                         json={"text": text, "media": {"media_ids": media}})


def invalid_parameter(answer: requests.Response, name: str) -> str:
    """X's invalid-request problem naming `name` in its errors; returns the message."""
    body = answer.json()
    assert answer.status_code == 400, answer.text
    assert body["type"] == "https://api.twitter.com/2/problems/invalid-request"
    assert [list(e["parameters"]) for e in body["errors"]] == [[name]]
    return body["errors"][0]["message"]


# -- X: POST /2/tweets media -----------------------------------------------------------------

def test_x_refuses_more_than_four_media_ids(sandbox: SandboxServer) -> None:
    photos = [x_photo(sandbox) for _ in range(5)]
    assert "at most 4" in invalid_parameter(tweet(sandbox, photos), "media.media_ids")
    assert posts(sandbox, "x") == []
    assert tweet(sandbox, photos[:4]).status_code == 201


def test_x_refuses_another_platforms_upload_as_media(sandbox: SandboxServer) -> None:
    photo = requests.post(sandbox.url + GRAPH + "/photos", timeout=5,
                          data={"published": "false", "access_token": "sandbox"},
                          files={"source": ("p.png", b"\x89PNG photo", "image/png")})
    assert photo.status_code == 200, photo.text
    answer = tweet(sandbox, [photo.json()["id"]])
    assert answer.status_code == 400 and answer.json()["detail"] == "Your media IDs are invalid."
    assert tweet(sandbox, ["_chunked"]).status_code == 400  # the upload table's own key
    assert posts(sandbox, "x") == []


def test_x_refuses_a_gif_with_other_media_and_the_adapter_says_why(
        sandbox: SandboxServer, tmp_path: Path) -> None:
    gif = x_chunked(sandbox, "image/gif", "tweet_gif")
    message = invalid_parameter(tweet(sandbox, [gif, x_photo(sandbox)]), "media.media_ids")
    assert "1 animated GIF" in message
    assert tweet(sandbox, [gif]).status_code == 201
    # through the adapter: a request to fix, never retried, and the line says what is wrong
    still, moving = tmp_path / "a.png", tmp_path / "b.gif"
    still.write_bytes(b"\x89PNG photo")
    moving.write_bytes(b"GIF89a" + b"\x01" * 32)
    with pytest.raises(PermanentError) as info:
        make(sandbox, "x").publish("A photo and a GIF", [still, moving])
    assert not isinstance(info.value, Rejected)
    assert "1 animated GIF" in str(info.value) and "\n" not in str(info.value)
    assert [p["text"] for p in posts(sandbox, "x")] == ["With media"]


def test_x_refuses_a_video_before_processing_has_succeeded(sandbox: SandboxServer) -> None:
    video = x_chunked(sandbox, "video/mp4", "tweet_video")
    assert "processed" in invalid_parameter(tweet(sandbox, [video]), "media.media_ids")
    status = requests.get(sandbox.url + "/x/2/media/upload", headers=x_auth(), timeout=5,
                          params={"command": "STATUS", "media_id": video})
    assert status.json()["data"]["processing_info"]["state"] == "succeeded"
    assert tweet(sandbox, [video]).status_code == 201


def test_the_x_adapter_publishes_gif_and_video_each_on_its_own(
        sandbox: SandboxServer, tmp_path: Path) -> None:
    gif, video = tmp_path / "clinic.gif", tmp_path / "tour.mp4"
    gif.write_bytes(b"GIF89a" + b"\x01" * 64)
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x01" * 64)
    adapter = make(sandbox, "x")
    adapter.publish("The clinic", [gif])
    adapter.publish("The tour", [video])  # waits for STATUS before posting
    assert [len(p["media"]) for p in posts(sandbox, "x")] == [1, 1]


# -- X: max_results ranges ---------------------------------------------------------------------

def test_x_refuses_max_results_outside_each_endpoints_range(sandbox: SandboxServer) -> None:
    post = make(sandbox, "x").publish("Flu shots on Friday")
    search = sandbox.url + "/x/2/tweets/search/recent"
    query = {"query": f"conversation_id:{post.id}"}
    for bad in ("5", "101", "0", "ten"):
        answer = requests.get(search, headers=x_auth(), timeout=5,
                              params={**query, "max_results": bad})
        assert "between 10 and 100" in invalid_parameter(answer, "max_results")
    timeline = sandbox.url + "/x/2/users/1500000000000000001/tweets"
    for bad in ("4", "200"):
        answer = requests.get(timeline, headers=x_auth(), timeout=5, params={"max_results": bad})
        assert "between 5 and 100" in invalid_parameter(answer, "max_results")
    for good, url, params in (("10", search, query), ("100", search, query),
                              ("5", timeline, {})):
        answer = requests.get(url, headers=x_auth(), timeout=5,
                              params={**params, "max_results": good})
        assert answer.status_code == 200, answer.text


# -- LinkedIn: POST /rest/posts ----------------------------------------------------------------

def li_post(sandbox: SandboxServer, **changes: object) -> requests.Response:
    body: dict[str, object] = {
        "author": ORG, "commentary": "Clinic news", "visibility": "PUBLIC",
        "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [],
                         "thirdPartyDistributionChannels": []},
        "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": False, **changes}
    return requests.post(sandbox.url + "/linkedin/rest/posts", json=body, headers=LI_HEADERS,
                         timeout=5)


def li_image(sandbox: SandboxServer, owner: str = ORG) -> str:
    init = requests.post(sandbox.url + "/linkedin/rest/images", headers=LI_HEADERS, timeout=5,
                         params={"action": "initializeUpload"},
                         json={"initializeUploadRequest": {"owner": owner}}).json()["value"]
    put = requests.put(init["uploadUrl"], data=b"\x89PNG image", timeout=5,
                       headers={"Authorization": "Bearer sandbox"})
    assert put.status_code == 201, put.text
    return init["image"]


@pytest.mark.parametrize(("field", "value", "path"), [
    ("lifecycleState", "DRAFT", "/lifecycleState"),
    ("visibility", "EVERYONE", "/visibility"),
    ("distribution", {"feedDistribution": "EVERYWHERE"}, "/distribution/feedDistribution"),
    ("distribution", {}, "/distribution/feedDistribution"),
])
def test_linkedin_refuses_post_fields_creation_does_not_accept(
        sandbox: SandboxServer, field: str, value: object, path: str) -> None:
    answer = li_post(sandbox, **{field: value})
    assert answer.status_code == 422 and f"ERROR :: {path} ::" in answer.json()["message"]
    assert posts(sandbox, "linkedin") == []
    assert li_post(sandbox).status_code == 201


def test_linkedin_multi_image_takes_two_to_twenty_images_of_the_author(
        sandbox: SandboxServer) -> None:
    one = li_post(sandbox, content={"multiImage": {"images": [{"id": li_image(sandbox)}]}})
    assert one.status_code == 422 and "2 to 20 images, not 1" in one.json()["message"]
    many = [{"id": li_image(sandbox)} for _ in range(21)]
    too_many = li_post(sandbox, content={"multiImage": {"images": many}})
    assert too_many.status_code == 422 and "not 21" in too_many.json()["message"]
    foreign = li_image(sandbox, OTHER_ORG)
    for content in ({"media": {"id": foreign}},
                    {"multiImage": {"images": [{"id": foreign}, many[0]]}}):
        answer = li_post(sandbox, content=content)
        # 400 since session 55 (LinkedIn's reported answer; tests/test_s55_platform.py)
        assert answer.status_code == 400 and "not owned by the author" in answer.json()["message"]
    assert posts(sandbox, "linkedin") == []
    assert li_post(sandbox, content={"multiImage": {"images": many[:20]}}).status_code == 201


def test_the_linkedin_adapter_still_posts_one_and_several_images(
        sandbox: SandboxServer, tmp_path: Path) -> None:
    images = [tmp_path / "one.png", tmp_path / "two.png"]
    for image in images:
        image.write_bytes(b"\x89PNG image")
    adapter = make(sandbox, "linkedin")
    adapter.publish("One picture", images[:1])
    adapter.publish("Two pictures", images)
    assert [len(p["media"]) for p in posts(sandbox, "linkedin")] == [1, 2]


# -- Facebook: POST /{page}/feed ---------------------------------------------------------------

def test_facebook_attaches_only_this_pages_photos(sandbox: SandboxServer) -> None:
    foreign = x_photo(sandbox)  # an X media id: digits, like a Graph photo id
    answer = requests.post(sandbox.url + GRAPH + "/feed", timeout=5, data={
        "message": "Two photos", "access_token": "sandbox",
        "attached_media": f'[{{"media_fbid": "{foreign}"}}]'})
    error = answer.json()["error"]
    assert answer.status_code == 400 and error["code"] == 100
    assert posts(sandbox, "facebook") == []


def test_a_facebook_user_token_posting_gets_graphs_own_permission_answer(
        sandbox: SandboxServer) -> None:
    from social_bot.sandbox.oauth import FACEBOOK_USER_ID, registry

    scopes = frozenset({"pages_manage_posts", "pages_read_engagement", "pages_show_list"})
    user, _ = registry(sandbox.state).issue("facebook", "user", scopes, 3600, FACEBOOK_USER_ID,
                                            "EAAU")
    adapter = adapter_class("facebook").from_env(
        {**sandbox_env(sandbox.url, "sandbox"), "FACEBOOK_PAGE_TOKEN": user}, timeout=(1.0, 5.0))
    with pytest.raises(AuthError) as info:
        adapter.publish("Posted with a user token")
    assert "code 200" in str(info.value)
    raw = requests.post(sandbox.url + GRAPH + "/feed", timeout=5,
                        data={"message": "again"}, headers={"Authorization": f"Bearer {user}"})
    assert raw.status_code == 403
    assert raw.json()["error"]["message"].startswith(
        "(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts")
    assert posts(sandbox, "facebook") == []
