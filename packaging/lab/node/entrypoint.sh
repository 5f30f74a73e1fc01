#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts one lab role as PID 1 (Patroni under lab-init), so `docker stop` (SIGTERM) and `docker kill` reach it.
set -eu

role=${1:-patroni}
case "$role" in
etcd)
    : "${LAB_ETCD_NAME:?LAB_ETCD_NAME must name this member (etcd1, etcd2 or etcd3)}"
    : "${LAB_ETCD_MEMBERS:=etcd1 etcd2 etcd3}"
    initial_cluster=""
    for member in $LAB_ETCD_MEMBERS; do
        initial_cluster="${initial_cluster:+$initial_cluster,}$member=http://$member:2380"
    done
    # Service names, not IPs: a restarted container may get another address.
    exec etcd --name "$LAB_ETCD_NAME" --data-dir "/var/lib/etcd/$LAB_ETCD_NAME" \
        --listen-peer-urls http://0.0.0.0:2380 --listen-client-urls http://0.0.0.0:2379 \
        --initial-advertise-peer-urls "http://$LAB_ETCD_NAME:2380" --advertise-client-urls "http://$LAB_ETCD_NAME:2379" \
        --initial-cluster "$initial_cluster" --initial-cluster-state new \
        --initial-cluster-token "${LAB_PROJECT:-demo}-etcd"
    ;;
patroni)
    : "${PATRONI_NAME:?PATRONI_NAME must name this member (patroni1, patroni2 or patroni3)}"
    mkdir -p /var/run/postgresql
    chown postgres:postgres /var/run/postgresql
    # PostgreSQL refuses to run as root. lab-init (PID 1) passes docker's signals on to Patroni and exits with it,
    # as Patroni would as PID 1, but keeps the container while PostgreSQL outlives a killed Patroni.
    exec /usr/local/bin/lab-init setpriv --reuid=postgres --regid=postgres --init-groups patroni /etc/patroni/lab.yml
    ;;
haproxy)
    exec haproxy -W -db -f /etc/haproxy/lab.cfg
    ;;
*)
    exec "$@"
    ;;
esac
