"""Verifies webhook requests with the reference implementation of Standard Webhooks (PyPI `standardwebhooks`).

Reads a JSON file: a list of {"secret", "id", "timestamp", "signature", "body"}; prints one line per item,
"ok" when the signature verifies under the secret, else "fail: <reason>".
"""
import json
import sys

from standardwebhooks.webhooks import Webhook

with open(sys.argv[1], encoding="utf-8") as handle:
    items = json.load(handle)
for item in items:
    headers = {
        "webhook-id": item["id"],
        "webhook-timestamp": item["timestamp"],
        "webhook-signature": item["signature"],
    }
    try:
        Webhook(item["secret"]).verify(item["body"], headers)
        print("ok")
    except Exception as error:  # the reference raises WebhookVerificationError
        print(f"fail: {error}")
