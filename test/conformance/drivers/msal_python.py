"""Conformance driver: runs MSAL Python (Debian's python3-msal, unmodified) against the Auth Lens sandbox.

Usage: /usr/bin/python3 msal_python.py '<json config>'
Prints one JSON object: the library version, one record per call (the text a developer would see:
the result dict's repr, or the exception as a traceback's last line), MSAL's own HTTP-cache keys after
each call, and MSAL's DEBUG log. REQUESTS_CA_BUNDLE must name the sandbox's CA (test only).
TEST ONLY: every secret and token here is a sandbox value that protects nothing.
"""
import base64
import io
import json
import logging
import sys
import time
import traceback

import msal


def b64url(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def main():
    cfg = json.loads(sys.argv[1])
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    # pythonLogFormat (log recording): every logger at DEBUG, urllib3's request lines included, in the
    # app's chosen format, as logging.basicConfig(level=logging.DEBUG, format=...) gives an app.
    handler.setFormatter(logging.Formatter(cfg.get("pythonLogFormat") or "%(levelname)s:%(name)s:%(message)s"))
    msal_logger = logging.getLogger() if cfg.get("pythonLogFormat") else logging.getLogger("msal")
    msal_logger.setLevel(logging.DEBUG)
    msal_logger.addHandler(handler)

    flow = cfg["flow"]
    scopes = cfg["scopes"]
    http_cache = {}  # MSAL's own throttling memory; its keys say what MSAL decided
    common = dict(authority=cfg["authority"], instance_discovery=bool(cfg.get("instanceDiscovery")), http_cache=http_cache)
    if flow == "device_code":
        app = msal.PublicClientApplication(cfg["clientId"], **common)
    else:
        app = msal.ConfidentialClientApplication(
            cfg["clientId"], client_credential=cfg.get("clientSecret"), **common)

    if flow == "silent":
        # A signed-in user whose refresh token is in MSAL's cache (seeded through the cache's own add()).
        now = int(time.time())
        tid = cfg["tenantId"]
        id_token = ".".join([
            b64url({"alg": "none", "typ": "JWT"}),
            b64url({"iss": "%s/%s/v2.0" % (cfg["authorityHost"], tid), "sub": "sandbox-user",
                    "aud": cfg["clientId"], "iat": now, "nbf": now, "exp": now + 3600,
                    "oid": "0b5a4a33-sandbox-user", "tid": tid,
                    "preferred_username": "sandbox-user@sandbox.test", "name": "Sandbox user"}),
            "",
        ])
        app.token_cache.add({
            "client_id": cfg["clientId"],
            "scope": scopes,
            "token_endpoint": app.authority.token_endpoint,
            "environment": app.authority.instance,
            "response": {
                "token_type": "Bearer",
                "refresh_token": cfg["refreshToken"],
                "id_token": id_token,
                "client_info": b64url({"uid": "0b5a4a33-sandbox-user", "utid": tid}),
            },
        })

    def call():
        if flow == "client_credentials":
            return app.acquire_token_for_client(scopes=scopes)
        if flow == "silent":
            accounts = app.get_accounts()
            return app.acquire_token_silent_with_error(scopes, accounts[0] if accounts else None)
        if flow == "authorization_code":
            return app.acquire_token_by_authorization_code(
                cfg["authorizationCode"], scopes, redirect_uri=cfg["redirectUri"])
        if flow == "on_behalf_of":
            return app.acquire_token_on_behalf_of(cfg["userAssertion"], scopes)
        if flow == "device_code":
            started = app.initiate_device_flow(scopes=scopes)
            if "user_code" not in started:
                return started
            started["expires_at"] = time.time() + cfg.get("deviceTimeoutSeconds", 30)
            return app.acquire_token_by_device_flow(started)
        raise SystemExit("unknown flow %r" % flow)

    calls = []
    for i, wait_ms in enumerate(cfg.get("callWaitsMs", [0])):
        if wait_ms:
            time.sleep(wait_ms / 1000.0)
        record = {"start": time.time() * 1000}
        try:
            result = call()
            record["output"] = repr(result)
            record["kind"] = "result"
            if isinstance(result, dict):
                record["error"] = result.get("error")
                record["suberror"] = result.get("suberror")
                record["claims"] = result.get("claims")
                record["classification"] = result.get("classification")
                record["hasAccessToken"] = "access_token" in result
                if "access_token" in result:
                    record["output"] = repr(dict(result, access_token="<sandbox access token>"))
        except Exception as e:  # the exception exactly as a traceback's last line shows it
            record["output"] = "".join(traceback.format_exception_only(type(e), e)).strip()
            record["kind"] = "exception"
            record["errorName"] = type(e).__name__
        record["end"] = time.time() * 1000
        record["httpCacheKeys"] = sorted(k for k in http_cache.keys() if k != "_index_")
        calls.append(record)

    print(json.dumps({
        "library": "msal-python",
        "version": msal.__version__,
        "flow": flow,
        "calls": calls,
        "log": log.getvalue(),
    }))


if __name__ == "__main__":
    main()
