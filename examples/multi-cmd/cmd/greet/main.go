// greet prints a greeting for the current user: os/user links libc's getpwuid with cgo on.
package main

import (
	"fmt"
	"os"
	"os/user"
)

func main() {
	name := "stranger"
	if u, err := user.Current(); err == nil {
		name = u.Username
	} else {
		name = fmt.Sprintf("uid %d", os.Getuid())
	}
	fmt.Printf("hello, %s\n", name)
}
