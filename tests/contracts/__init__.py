"""Contract suites in the style of vdirsyncer's ``StorageTests``: one suite per interface
(``Target``, ``Source``), written once against the interface and inherited by a test class per
implementation, each run against its real peer (the sandbox, Xandikos, Dovecot, real files)."""

import pytest

# the suites' own assertions are in these modules, not in test files: let pytest explain them too
pytest.register_assert_rewrite("tests.contracts.target_contract", "tests.contracts.source_contract")
