// https-client GETs one URL and prints the status, or the error (e.g. Go's x509 error when the
// image does not trust the server's CA). It exits non-zero on error: a smoke test for CA bundles.
package main

import (
	"fmt"
	"net/http"
	"os"
	"time"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: https-client <url>")
		os.Exit(2)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	response, err := client.Get(os.Args[1])
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	defer response.Body.Close()
	fmt.Println("status:", response.Status)
	if response.StatusCode >= 400 {
		os.Exit(1)
	}
}
