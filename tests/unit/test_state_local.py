import threading

import pytest

from analysis.errors import StateError
from analysis.state import LocalStateStore, MemoryStateStore


@pytest.fixture(params=["local", "memory"])
def store(request, tmp_path):
    return LocalStateStore(tmp_path) if request.param == "local" else MemoryStateStore()


def test_put_get_list_delete(store):
    assert store.get("a/b.json") is None
    store.put("a/b.json", b"1")
    store.put("a/c.json", b"2")
    store.put("z.json", b"3")
    assert store.get("a/b.json") == b"1"
    assert store.list("a/") == ["a/b.json", "a/c.json"]
    store.delete("a/b.json")
    assert store.list("a/") == ["a/c.json"]


def test_if_absent_writes_once_even_under_contention(store):
    results = []
    barrier = threading.Barrier(8)

    def write(n):
        barrier.wait()
        if store.put("once.json", str(n).encode(), if_absent=True):
            results.append(n)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 1
    assert store.get("once.json") == str(results[0]).encode()


def test_local_keys_cannot_escape_the_state_folder(tmp_path):
    with pytest.raises(StateError):
        LocalStateStore(tmp_path / "state").put("../outside.json", b"x")
