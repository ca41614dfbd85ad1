"""The pytest plugin: options, the ``profile``/``modem``/``modem2`` fixtures, markers, and the evidence
each test leaves in the report, split by role (as pytest-html splits its plugin):

- :mod:`~harness.plugin.options`: every option from one table, resolved into ``Settings``;
- :mod:`~harness.plugin.collection`: markers, parametrization per profile, deselection, ``needs`` skips;
- :mod:`~harness.plugin.targets`: the ``TargetPool`` that opens, checks, identifies and restores targets;
- :mod:`~harness.plugin.fixtures`: ``modem``, ``modem2``, ``network``, ``observe``;
- :mod:`~harness.plugin.evidence`: transcripts and properties in each report, results.json, the HTML
  report, redaction.

- :mod:`~harness.plugin.workers`: under pytest-xdist, the workers' findings handed back to the controller;
- :mod:`~harness.plugin.farm`: ``--farm``, one module per xdist worker (scheduler: :mod:`~harness.plugin.scheduler`).

Loading this package (``-p harness.plugin`` or ``pytest_plugins``) loads the seven.

Options (precedence: command line > environment variable > ini key > default):

=================  =====================  =================  ==========================================
option             environment            ini                meaning
=================  =====================  =================  ==========================================
``--profile``      ``MODEM_PROFILE``      ``modem_profile``  profile name(s), comma-separated, ``all``, or ``auto``
``--target``       ``MODEM_TARGET``       ``modem_target``   pyserial URL of AT instance 1
``--target2``      ``MODEM_TARGET2``      ``modem_target2``  pyserial URL of AT instance 2
``--at-timeout``   ``MODEM_AT_TIMEOUT``   ``modem_at_timeout``  deadline of one command, seconds
``--network-wait``  ``MODEM_NETWORK_WAIT``  ``modem_network_wait``  cap on network waits, seconds (harness/waits.py)
``--apn``          ``MODEM_APN``          ``modem_apn``      APN of PDP context 1 (default ``internet``)
``--apn-user``     ``MODEM_APN_USER``     ``modem_apn_user`` user name of the PDP activation, a secret
``--apn-password``  ``MODEM_APN_PASSWORD``  ``modem_apn_password``  password of the PDP activation, a secret
``--results-json``  —                     —                  write one JSON entry per test to PATH
``--expectations``  ``MODEM_EXPECTATIONS``  —              known deviations of the firmware (TOML)
``--allow-nvm-writes``  ``MODEM_ALLOW_NVM_WRITES``  —     slots (store ids) the suite may write in NVM, or ``all``
``--allow-restart``  ``MODEM_ALLOW_RESTART``  —          restart a real module around each power-on test
``--emulator-defect``  ``MODEM_EMULATOR_DEFECTS``  —        named defect of the embedded emulator
``--farm``         ``MODEM_FARM``         —                  module farm (TOML), with ``-n <modules>`` (docs/FARM.md)
=================  =====================  =================  ==========================================

Safety on real modules: a command that writes the module's non-volatile memory (the dialect's
``nvm_writes``) is sent only in the slots ``--allow-nvm-writes`` names, else the test is skipped with that
reason (the embedded emulator allows every slot); settings the suite changes and can read back are read
when the link first opens and restored at the end of the session (harness/restore.py drives the
dialect's restorer), and the report lists both.

Secrets (private keys, passwords, APN credentials) are registered with :mod:`harness.redaction` and
replaced by ``<redacted>`` in every report section, failure text and property before any report sees them.

``--profile auto`` opens ``--target`` once, before collection, and picks the profile its answers name
(:mod:`harness.detect`); an xdist worker takes the controller's choice. How the profile was chosen is in
results.json (``targets.profile_chosen_by``) and the report's header.

Without ``--target`` every selected profile runs against the embedded emulator
(``emulator://<profile>``, second instance ``?instance=2``), which powers a fresh module on for each
test; its URL handler is named to pyserial only then. A test is parametrized only with the profiles its
``spec`` marks' documents describe.
"""

#: The parts of the plugin, registered with it (pytest reads ``pytest_plugins`` of a plugin module too).
pytest_plugins = [
    "harness.plugin.options",
    "harness.plugin.targets",
    "harness.plugin.collection",
    "harness.plugin.fixtures",
    "harness.plugin.evidence",
    "harness.plugin.workers",
    "harness.plugin.farm",
]
