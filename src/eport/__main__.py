from eport.cli.main import main

main()
