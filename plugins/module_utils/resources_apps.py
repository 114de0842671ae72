# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Consumers (§3.10-§3.12): apps. Their lookup is in resources.py; app codes and authorizations
are in consumers.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import Field
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import APP_LOOKUP, REMARK_RULE

# The reference allows keys and secrets of 8-64 characters; the SDK documents the live service's
# 8-200 (key) and 8-128 (secret), which include them.
APP_SECRET_RULE = dict(min_length=8, max_length=128, pattern=r"^[A-Za-z0-9][A-Za-z0-9_!@#$%-]*$",
                       rule="start with a letter or digit; then letters, digits, '_', '-', '!', '@', '#', '$' and '%'")
APP = APP_LOOKUP.extended(
    filters=("id", "app_key"),
    fields={
        "name": Field(min_length=3, max_length=64, pattern=u"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5]*$",
                      rule="start with a letter or Chinese character; then letters, digits, '_' and Chinese characters"),
        "remark": Field(max_length=255, **REMARK_RULE),
        "app_key": Field(min_length=8, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$",
                         rule="start with a letter or digit; then letters, digits, '_' and '-'"),
        # Only a reset (the app module's reset_secret) changes the secret of an existing app.
        "app_secret": Field(secret=True, update=False, compare=False, **APP_SECRET_RULE),
    })
