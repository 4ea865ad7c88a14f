"""Scrapy on the same URL list and concurrency as ogp-bench-fetch, politeness off.

Prints one JSON line: requests/s and CPU seconds per 1,000 requests, measured from the
spider's opening to its closing (like ogp, after start-up).
Usage: python scrapy_bench.py URL_LIST_FILE [CONCURRENCY]
"""
import json
import resource
import sys
import time

import scrapy
from scrapy import signals
from scrapy.crawler import CrawlerProcess

URLS = [line.strip() for line in open(sys.argv[1]) if line.strip()]
CONCURRENCY = int(sys.argv[2]) if len(sys.argv) > 2 else 16
STATE = {"ok": 0, "failed": 0, "bytes": 0}


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class Bench(scrapy.Spider):
    name = "bench"

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.opened, signal=signals.spider_opened)
        crawler.signals.connect(spider.closed_, signal=signals.spider_closed)
        return spider

    def opened(self, spider):
        STATE["wall"], STATE["cpu"] = time.monotonic(), cpu()

    def closed_(self, spider):
        STATE["wall"], STATE["cpu"] = time.monotonic() - STATE["wall"], cpu() - STATE["cpu"]

    async def start(self):  # Scrapy >= 2.13
        for request in self.start_requests():
            yield request

    def start_requests(self):
        for url in URLS:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed, dont_filter=True)

    def parse(self, response):
        STATE["ok" if response.status == 200 else "failed"] += 1
        STATE["bytes"] += len(response.body)

    def failed(self, failure):
        STATE["failed"] += 1


process = CrawlerProcess(settings={
    "CONCURRENT_REQUESTS": CONCURRENCY,
    "CONCURRENT_REQUESTS_PER_DOMAIN": CONCURRENCY,
    "DOWNLOAD_DELAY": 0,
    "ROBOTSTXT_OBEY": False,
    "AUTOTHROTTLE_ENABLED": False,
    "COOKIES_ENABLED": False,
    "RETRY_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "ERROR",
})
process.crawl(Bench)
process.start()
n = STATE["ok"] + STATE["failed"]
print(json.dumps({
    "tool": "scrapy", "requests": n, "failed": STATE["failed"], "bytes": STATE["bytes"],
    "concurrency": CONCURRENCY, "seconds": round(STATE["wall"], 3),
    "requests_per_second": round(n / STATE["wall"], 1), "cpu_seconds": round(STATE["cpu"], 3),
    "cpu_seconds_per_1000": round(STATE["cpu"] / n * 1000, 4),
}))
