"""Logging in in the browser, the second factor included: the demo secretariat's authenticator key
is published with its password (kkr.demo.meetings), so a test computes its code as the app would."""

import time

import pyotp
from playwright.sync_api import expect

from kkr.demo.meetings import SECRETARIAT_TOTP_SECRET

DEMO_SECRETS = {"sekretariat": SECRETARIAT_TOTP_SECRET}


def give_code(page, secret, button="Bekræft"):
    """Types the authenticator's code on the page that asks for it. A code is taken once: when the
    current one was used already (an earlier login of this test), the next one is waited for."""
    expect(page.get_by_role("heading", name="Totrinsbekræftelse")).to_be_visible()
    totp = pyotp.TOTP(secret)
    for _ in range(2):
        window = int(time.time() // totp.interval)
        page.get_by_label("Kode").fill(totp.at(window * totp.interval))
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()
        if "Forkert kode" not in page.content():
            return
        time.sleep((window + 1) * totp.interval - time.time() + 0.5)
    raise AssertionError("the authenticator's code was refused twice")


def give_demo_code_if_asked(page, username):
    """After the password: the demo secretariat is asked for its code (accounts.secondfactor)."""
    if username in DEMO_SECRETS:
        give_code(page, DEMO_SECRETS[username])
