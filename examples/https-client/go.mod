module example.com/https-client

go 1.19
