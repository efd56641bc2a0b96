#!/usr/bin/env python3
"""Prints the current TOTP code (RFC 6238: HMAC-SHA1, 30 s, 6 digits) of a base32 secret.

Usage: python3 scripts/totp.py SECRET    (the same as `oathtool --totp -b SECRET`)
The demo administrators' secrets are in the README's demo-account table.
"""
import base64, hashlib, hmac, struct, sys, time

secret = sys.argv[1].strip().replace(" ", "").upper()
key = base64.b32decode(secret + "=" * (-len(secret) % 8))
h = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = h[-1] & 0x0F
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7FFFFFFF) % 1000000))
