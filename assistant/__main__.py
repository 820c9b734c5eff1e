"""`python -m assistant` runs the command line, for environments where the script is not on PATH."""

from assistant.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
