from valuechain._entry import main

main()
