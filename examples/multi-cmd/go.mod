module example.com/multi-cmd

go 1.19
