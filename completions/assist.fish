complete --keep-order --exclusive --command assist --arguments "(COMPLETE=fish assist -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
