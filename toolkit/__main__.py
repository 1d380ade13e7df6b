"""Allow ``python -m toolkit``."""
from .cli import main

main()
