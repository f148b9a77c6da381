"""The bundle's entry point: `referral-atlas [ARGS]` as the installed command, and
`referral-atlas -m MODULE [ARGS]` as `python -m MODULE` (the kiosk supervisor starts its child
and the out-of-order screen that way, and a bundle has no separate python)."""

import runpy
import sys

if len(sys.argv) > 2 and sys.argv[1] == "-m":
    module = sys.argv[2]
    sys.argv = [sys.argv[0], *sys.argv[3:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
else:
    from app.cli import main

    raise SystemExit(main())
