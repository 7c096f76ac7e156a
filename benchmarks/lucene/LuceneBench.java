// Lucene as a peer in benchmarks/relevance.py, set up the way Elasticsearch's users meet it:
// RussianAnalyzer, BM25Similarity, and a question as a `match` query (its words OR'ed).
//
//   javac -cp lucene-core.jar:lucene-analyzers-common.jar -d OUT LuceneBench.java
//   java -cp OUT:lucene-core.jar:lucene-analyzers-common.jar LuceneBench --version
//   java -cp ... LuceneBench DOCS.tsv INDEX-DIR K1 B
//
// DOCS.tsv: one document a line, id<TAB>text (the text without tabs or line breaks).
// Once indexed it writes "ready<TAB>numDocs", then reads one query a line on stdin and
// writes the ids of its top 100 documents on stdout, tab-separated, one line a query
// (an empty line when nothing matches or every word is a stop word).
// --version writes Lucene's version and whether RussianAnalyzer folds ё into е.
// Not part of the library; plain javac, no build tool.

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.Version;

public final class LuceneBench {
    private static final int DEPTH = 100;

    public static void main(String[] args) throws IOException {
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        Analyzer analyzer = new RussianAnalyzer();
        if (args.length == 1 && args[0].equals("--version")) {
            boolean folds = tokens(analyzer, "ёлка").equals(tokens(analyzer, "елка"));
            out.write(Version.LATEST + "\t" + (folds ? "folds-yo" : "keeps-yo") + "\n");
            out.flush();
            return;
        }
        if (args.length != 4) {
            System.err.println("usage: LuceneBench --version | DOCS.tsv INDEX-DIR K1 B");
            System.exit(2);
        }
        BM25Similarity similarity = new BM25Similarity(Float.parseFloat(args[2]), Float.parseFloat(args[3]));
        try (Directory dir = FSDirectory.open(Paths.get(args[1]))) {
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setSimilarity(similarity)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(256);
            try (IndexWriter writer = new IndexWriter(dir, config);
                    BufferedReader docs = Files.newBufferedReader(Paths.get(args[0]), StandardCharsets.UTF_8)) {
                String line;
                while ((line = docs.readLine()) != null) {
                    int tab = line.indexOf('\t');
                    if (tab < 0) {
                        continue;
                    }
                    Document doc = new Document();
                    doc.add(new StringField("id", line.substring(0, tab), Field.Store.YES));
                    doc.add(new TextField("text", line.substring(tab + 1), Field.Store.NO));
                    writer.addDocument(doc);
                }
                writer.commit();
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(similarity);
                QueryBuilder builder = new QueryBuilder(analyzer);
                out.write("ready\t" + reader.numDocs() + "\n");
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String q;
                while ((q = in.readLine()) != null) {
                    Query query = builder.createBooleanQuery("text", q, BooleanClause.Occur.SHOULD);
                    if (query != null) { // null: no words left after analysis
                        StringBuilder line = new StringBuilder();
                        for (ScoreDoc hit : searcher.search(query, DEPTH).scoreDocs) {
                            if (line.length() > 0) {
                                line.append('\t');
                            }
                            line.append(searcher.doc(hit.doc).get("id"));
                        }
                        out.write(line.toString());
                    }
                    out.write("\n");
                    out.flush();
                }
            }
        }
    }

    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }
}
