"""The performance suite under the original name: ``python test_performance.py [options]``.

The same options as ``weedgo perf``; see ``python test_performance.py --help``.
"""

import sys

from weedgo.perf.cli import main

if __name__ == "__main__":
    sys.exit(main())
