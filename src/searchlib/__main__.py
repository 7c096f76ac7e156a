"""``python -m searchlib``: the same command line as the ``searchlib`` script."""

from searchlib._cli import main

raise SystemExit(main())
