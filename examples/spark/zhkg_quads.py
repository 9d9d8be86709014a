"""Build the zhkg graph of a news corpus on Spark: the map step pipes each partition of JSON Lines
articles through `zhkg quads`, the reduce step is the distinct union of the N-Quads.

Every quad zhkg writes comes from one article, so the union is the store `zhkg build` makes of
the whole corpus, however Spark partitions it (see README, "Scaling out").

    spark-submit --master local[2] examples/spark/zhkg_quads.py \
        --zhkg target/release/zhkg --source-name 202406.jsonl \
        --partitions 4 INPUT.jsonl OUTPUT_DIR

On a cluster, ship the binary with the job and name it by its file name:

    spark-submit --master yarn --files target/release/zhkg examples/spark/zhkg_quads.py \
        --zhkg ./zhkg --source-name corpus.jsonl hdfs:///news/*.jsonl hdfs:///kg/quads

OUTPUT_DIR holds part-* files of N-Quads (one quad per line), ready for a bulk loader
(Virtuoso's ld_dir + rdf_loader_run, QLever's index builder, Oxigraph's `load`).
"""

import argparse
import os
import shlex

from pyspark.sql import SparkSession


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("input", help="JSON Lines articles (any path Spark reads)")
    parser.add_argument("output", help="directory for the N-Quads part files")
    parser.add_argument("--zhkg", default="zhkg", help="the zhkg binary on every worker")
    parser.add_argument(
        "--source-name",
        default=None,
        help="the name zkg:source gives the input (default: the input's file name)",
    )
    parser.add_argument("--partitions", type=int, default=None, help="how many map tasks")
    parser.add_argument("--region", default=None, help="the paper's home area, as for zhkg build")
    args = parser.parse_args()

    spark = SparkSession.builder.appName("zhkg-quads").getOrCreate()
    lines = spark.sparkContext.textFile(args.input, minPartitions=args.partitions or 2)
    if args.partitions:
        lines = lines.repartition(args.partitions)
    source_name = args.source_name or os.path.basename(args.input)
    command = [args.zhkg, "quads", "--source-name", source_name, "-"]
    if args.region:
        command += ["--region", args.region]
    # RDD.pipe feeds each partition's lines to the command's stdin and reads its stdout lines.
    quads = lines.pipe(" ".join(shlex.quote(c) for c in command))
    quads.filter(lambda q: q.strip()).distinct().saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
