"""Helpers shared by the workbook's notebooks.

The notebooks tell the story; the logic lives here, typed, documented and unit-tested.
"""

__version__ = "0.1.0"
