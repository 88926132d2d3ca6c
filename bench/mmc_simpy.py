"""M/M/c reference model in SimPy, the same model as bench case (a).

Poisson arrivals at 1,000 req/s, simpy.Resource(capacity=50), exponential service with a
40 ms mean, no timeouts or retries; runs until N requests have arrived (default 1,000,000),
with a fixed seed. Prints one JSON line like the stampede-sim bench children.
Usage: /usr/bin/python3 bench/mmc_simpy.py [N]
"""
import json
import random
import resource
import sys
import time

try:
    import simpy  # SimPy 3/4 (PyPI: pip install simpy)
except ImportError:  # Debian's python3-simpy is SimPy 2.3 (classic API, module SimPy)
    simpy = None

RATE_PER_MS = 1.0  # 1,000 req/s
MEAN_SERVICE_MS = 40.0
SERVERS = 50


def run_simpy2(n, rng):
    """The same model with the classic SimPy 2 API (Debian's python3-simpy)."""
    from SimPy.Simulation import Process, Resource, activate, hold, initialize, release, request, simulate

    done = [0]
    initialize()
    db = Resource(capacity=SERVERS, name="db")

    class Request(Process):
        def run(self):
            yield request, self, db
            yield hold, self, rng.expovariate(1.0 / MEAN_SERVICE_MS)
            yield release, self, db
            done[0] += 1

    class Source(Process):
        def run(self):
            for _ in range(n):
                yield hold, self, rng.expovariate(RATE_PER_MS)
                r = Request()
                activate(r, r.run())

    src = Source()
    activate(src, src.run())
    simulate(until=1e18)
    return done[0]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = random.Random(1)
    if simpy is None:
        start = time.perf_counter()
        done = run_simpy2(n, rng)
        report(n, done, time.perf_counter() - start, "SimPy 2")
        return
    env = simpy.Environment()
    db = simpy.Resource(env, capacity=SERVERS)
    done = [0]

    def request(env):
        with db.request() as req:
            yield req
            yield env.timeout(rng.expovariate(1.0 / MEAN_SERVICE_MS))
        done[0] += 1

    def source(env):
        for _ in range(n):
            yield env.timeout(rng.expovariate(RATE_PER_MS))
            env.process(request(env))

    env.process(source(env))
    start = time.perf_counter()
    env.run()
    report(n, done[0], time.perf_counter() - start, "SimPy " + getattr(simpy, "__version__", "3+"))


def report(n, done, wall, version):
    print(json.dumps({
        "case": "a:mmc-simpy",
        "simpy": version,
        "wallMs": round(wall * 1000),
        "simulatedRequests": done,
        "eventsProcessed": None,
        "requestsPerSec": round(done / wall),
        "maxRssMB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


if __name__ == "__main__":
    main()
