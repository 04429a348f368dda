#!/usr/bin/env python3
"""A TCP relay on 127.0.0.1 that counts the bytes each way, so bench/run.sh can measure what a push sends.

    count-relay.py <listen port> <target port> <counter file> <request log>

The counter file holds "<bytes to the target> <bytes back>" (rewritten every 0.1 s); the request log
gets the method and path of each HTTP request line seen going to the target (informational: a line
split across two reads is missed).
"""
import os
import re
import socket
import sys
import threading
import time

listen_port, target_port, counter_file, request_log = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
counts = {"up": 0, "down": 0}
lock = threading.Lock()
request_line = re.compile(rb"(GET|HEAD|PUT|PATCH|POST|DELETE) (/v2/\S*) HTTP/1\.[01]\r\n")
log = open(request_log, "a", buffering=1)


def pump(source, target, direction):
    try:
        while data := source.recv(65536):
            with lock:
                counts[direction] += len(data)
                if direction == "up":
                    for match in request_line.finditer(data):
                        log.write(f"{match.group(1).decode()} {match.group(2).decode()}\n")
            target.sendall(data)
        target.shutdown(socket.SHUT_WR)  # pass the half-close on, as HTTP clients expect
    except OSError:
        pass


def relay(client):
    try:
        upstream = socket.create_connection(("127.0.0.1", target_port))
    except OSError:
        client.close()
        return
    back = threading.Thread(target=pump, args=(upstream, client, "down"), daemon=True)
    back.start()
    pump(client, upstream, "up")
    back.join()
    client.close()
    upstream.close()


def write_counts():
    while True:
        with lock:
            text = f"{counts['up']} {counts['down']}\n"
        with open(counter_file + ".tmp", "w") as f:
            f.write(text)
        os.replace(counter_file + ".tmp", counter_file)
        time.sleep(0.1)


listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", listen_port))
listener.listen(64)
threading.Thread(target=write_counts, daemon=True).start()
while True:
    connection, _ = listener.accept()
    threading.Thread(target=relay, args=(connection,), daemon=True).start()
