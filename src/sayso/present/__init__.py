"""Present: the command line and the export formats."""
