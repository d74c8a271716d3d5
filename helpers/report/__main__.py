"""`python -m helpers.report`: run every notebook and write the HTML reports.

`--scheduler tcp://host:port` runs the stages' per-article work on that Dask scheduler's
workers: it is passed on as the `dask_scheduler` setting (env WORKBOOK_DASK_SCHEDULER, which
the notebook kernels inherit through `settings.kernel_environment`).
"""

import argparse
import sys

from ..settings import use_dask_scheduler
from .export import main


def scheduler_option(argv: list[str]) -> list[str]:
    """Take `--scheduler ADDRESS` out of `argv`, set it as the `dask_scheduler` setting, and
    return the other arguments (for `export.main`)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--scheduler", default="",
                        help="a running Dask scheduler (tcp://host:port) for the per-article work")
    known, rest = parser.parse_known_args(argv)
    if known.scheduler:
        use_dask_scheduler(known.scheduler)
    return rest


sys.exit(main(scheduler_option(sys.argv[1:])))
