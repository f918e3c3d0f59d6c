"""Retention: how long each kind of data lives, and deleting it on time.

- ``policy``: the time to live of each status and of contact data, from
  settings, overridden by the values admins store in the console;
- ``erase``: deleting cases with every dependent row and encrypted file;
- ``purge``: one purge run (expired cases, idle inboxes, idle relay
  numbers, expired referral packets), audited with counts only;
- ``reporter``: a reporter's own "delete my report" (web) or DELETE (SMS);
- ``jobs``: the worker's recurring purge job.
"""
