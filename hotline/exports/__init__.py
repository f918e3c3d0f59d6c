"""Exports: referral packets for partner organisations (HTCDS 2.0, OpenPGP)
and k-anonymous aggregate statistics (CSV, JSON, SVG charts).

- ``htcds``: the HTCDS 2.0 field names and picklists this service uses;
- ``organisations``: partner organisations and their OpenPGP certificates;
- ``consent``: consent to referral, per recipient type;
- ``packet`` / ``packet_files`` / ``referrals``: building, encrypting,
  storing and tracking referral packets;
- ``suppression`` / ``stats`` / ``tables`` / ``charts``: statistics.
"""
