"""Signs in to the registry at BASE through its development OpenID provider, as a browser
would, and prints the session cookie (`name=value`) for wrk to send.

Usage: sign_in.py BASE SUBJECT  (SUBJECT: one of the provider's people, e.g. hartlepool-editor)
"""
import http.cookiejar
import sys
import urllib.error
import urllib.parse
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main(base, subject):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

    def location(request):
        try:
            opener.open(request, timeout=30)
        except urllib.error.HTTPError as answer:
            if answer.code in (302, 303):
                return answer.headers["Location"]
            raise
        raise RuntimeError(f"{request.full_url} did not redirect")

    authorization = location(base + "/sign-in/dev?return_to=/manage")
    # The provider's page offers its people as buttons of one form that posts back to itself.
    callback = location(urllib.request.Request(
        authorization, data=urllib.parse.urlencode({"sub": subject}).encode(), method="POST"))
    location(callback)
    sessions = [cookie for cookie in jar if "session" in cookie.name]
    if not sessions:
        raise RuntimeError(f"signing in as {subject} set no session cookie")
    print(f"{sessions[0].name}={sessions[0].value}")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2])
