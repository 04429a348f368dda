// hello is a small net/http server. With cgo on, os/user and the net resolver link libc:
// the case a static musl build exists for.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/user"
	"runtime"
)

// version is set at build time with -X main.version=...
var version = "dev"

func main() {
	printVersion := flag.Bool("version", false, "print one line about this build and exit")
	addr := flag.String("addr", ":8080", "address to listen on")
	flag.Parse()

	if *printVersion {
		fmt.Printf("hello %s (%s, %s/%s, user %s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH, currentUser())
		return
	}

	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		addrs, err := net.LookupHost("localhost")
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "hello from %s as %s; localhost is %v\n", version, currentUser(), addrs)
	})
	log.Printf("hello %s listening on %s", version, *addr)
	if err := http.ListenAndServe(*addr, nil); err != nil {
		log.Print(err)
		os.Exit(1)
	}
}

func currentUser() string {
	u, err := user.Current()
	if err != nil {
		return fmt.Sprintf("uid %d", os.Getuid())
	}
	return u.Username
}
