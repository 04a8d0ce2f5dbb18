"""The external-parties sandbox: a payment gateway and billers for Bawaba's development and tests.

A separate small web application (standard library only, imports nothing from the
portal). Run it with ``python -m sandboxes --port 8001 --data var/sandbox``; see
README.md in this folder and SANDBOX_SPEC for the protocol.
"""
