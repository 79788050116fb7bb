from valuechain.cli import main

main()
