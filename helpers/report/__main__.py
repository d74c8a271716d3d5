"""`python -m helpers.report`: run every notebook and write the HTML reports."""

import sys

from .export import main

sys.exit(main())
