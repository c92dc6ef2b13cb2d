from presslint.cli import run

run()
