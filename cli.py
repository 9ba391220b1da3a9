"""`python cli.py …` in a checkout runs the same program as the `compliance` command."""

from compliance.cli import main

if __name__ == "__main__":
    main()
