"""Log-recording driver: Azure Identity for Python (Debian's python3-azure, unmodified) against the sandbox.

Usage: /usr/bin/python3 azure_identity_python.py '<json config>'
Every logger at DEBUG in cfg["pythonLogFormat"], as an app that turned on the SDK's logging would: azure-core's
HTTP logging policy writes each request and response. Prints one JSON object like the conformance drivers.
REQUESTS_CA_BUNDLE must name the sandbox's CA (test only).
TEST ONLY: every secret here is a sandbox value that protects nothing.
"""
import io
import json
import logging
import sys
import time

import azure.identity
from azure.identity import ClientSecretCredential, DeviceCodeCredential, ManagedIdentityCredential


def main():
    cfg = json.loads(sys.argv[1])
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter(cfg["pythonLogFormat"]))
    root = logging.getLogger()
    root.setLevel(logging.DEBUG)
    root.addHandler(handler)

    common = dict(authority=cfg["authorityHost"], instance_discovery=False)
    flow = cfg["flow"]
    if flow == "client_credentials":
        credential = ClientSecretCredential(cfg["tenantId"], cfg["clientId"], cfg["clientSecret"], **common)
    elif flow == "device_code":
        credential = DeviceCodeCredential(
            cfg["clientId"], tenant_id=cfg["tenantId"], timeout=cfg.get("deviceTimeoutSeconds", 30),
            prompt_callback=lambda uri, code, expires: None, **common)
    elif flow == "managed_identity":
        # The source (IMDS through AZURE_POD_IDENTITY_AUTHORITY_HOST, or App Service) comes from the environment.
        client_id = cfg.get("managedIdentityClientId")
        credential = ManagedIdentityCredential(client_id=client_id) if client_id else ManagedIdentityCredential()
    else:
        raise SystemExit("flow %r has no Azure Identity credential here" % flow)

    calls = []
    for wait_ms in cfg.get("callWaitsMs", [0]):
        if wait_ms:
            time.sleep(wait_ms / 1000.0)
        record = {"start": time.time() * 1000}
        try:
            credential.get_token(*cfg["scopes"])
            record.update(kind="result", output="<sandbox access token>", hasAccessToken=True)
        except Exception as e:  # noqa: BLE001 - the error as the app sees it
            record.update(kind="exception", output="%s: %s" % (type(e).__name__, e), errorName=type(e).__name__)
        record["end"] = time.time() * 1000
        calls.append(record)

    print(json.dumps({"library": "azure-identity-python", "version": azure.identity.__version__,
                      "flow": flow, "calls": calls, "log": log.getvalue()}))


if __name__ == "__main__":
    main()
