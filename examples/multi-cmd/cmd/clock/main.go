// clock prints the time in UTC and in a named zone, or the error when the image has no zoneinfo.
package main

import (
	"flag"
	"fmt"
	"time"
)

func main() {
	zone := flag.String("zone", "UTC", "IANA time zone to show")
	flag.Parse()
	now := time.Now()
	fmt.Println("utc:", now.UTC().Format(time.RFC3339))
	if location, err := time.LoadLocation(*zone); err == nil {
		fmt.Printf("%s: %s\n", *zone, now.In(location).Format(time.RFC3339))
	} else {
		fmt.Println("zone error:", err)
	}
}
