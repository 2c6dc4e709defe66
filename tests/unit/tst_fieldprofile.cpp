// link: kmsync_mapping kmsync_core
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "engine/mapping/fieldprofile.h"
#include "engine/mapping/recordmapper.h"

using namespace kmsync::engine;
using namespace kmsync::engine::mapping;

namespace {

ProfiledMapping mapped(const QString &field, const QString &column, std::optional<TypeKind> type = std::nullopt)
{
    ProfiledMapping m;
    m.sourceField = field;
    m.path = JsonPath::parse(field).value();
    m.column = column;
    if (type) {
        ColumnType t;
        t.kind = *type;
        m.type = t;
    }
    return m;
}

const FieldProfile::Path *find(const FieldProfile &profile, const QString &path)
{
    for (const auto &p : profile.paths) {
        if (p.path == path)
            return &p;
    }
    return nullptr;
}

int64_t typeCount(const FieldProfile::Path &p, ProfileKind kind)
{
    return p.types[std::size_t(kind)];
}

// A run's profiler options (no type checks), with or without the shape memo.
FieldProfilerOptions runOptions(bool memoizeShapes)
{
    FieldProfilerOptions options;
    options.checkTypes = false;
    options.memoizeShapes = memoizeShapes;
    return options;
}

// A value whose parsed tape is too long for the shape memo to remember (4,200 words for its numbers alone).
std::string longDocument()
{
    std::string text = "{\"big\":[";
    for (int i = 0; i < 2100; ++i)
        text += (i ? "," : "") + std::to_string(i);
    return text + "]}";
}

} // namespace

class TestFieldProfile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void leafPathsCountsTypesAndSamples()
    {
        FieldProfiler profiler;
        QVERIFY(profiler.addJson(R"({"z":{"z1":1,"z2":"a"},"items":[{"sku":"x"}],"a.b":true,"e":{},"n":null})"));
        QVERIFY(profiler.addJson(R"({"z":{"z1":2.5},"items":[{"sku":"y"},{"sku":"w"}],"n":"late"})"));
        QVERIFY(!profiler.addJson("{\"z\":")); // (no raw string: moc counts its braces)
        profiler.addNullValue();
        const FieldProfile p = profiler.profile();
        QCOMPARE(p.messages, 4);
        QCOMPARE(p.invalid, 1);
        QCOMPARE(p.nullValues, 1);
        QStringList paths;
        for (const auto &path : p.paths)
            paths << path.path;
        // leaves only, first-seen order, in the source-field syntax
        QCOMPARE(paths, (QStringList{QStringLiteral("z.z1"), QStringLiteral("z.z2"), QStringLiteral("items[0].sku"),
                                     QStringLiteral("[\"a.b\"]"), QStringLiteral("e"), QStringLiteral("n"),
                                     QStringLiteral("items[1].sku")}));
        // every printed path parses back to the path it names
        for (const auto &path : p.paths)
            QCOMPARE(JsonPath::parse(path.path).value().toString(), path.path);

        const auto *z1 = find(p, QStringLiteral("z.z1"));
        QCOMPARE(z1->count, 2);
        QCOMPARE(typeCount(*z1, ProfileKind::Number), 2);
        QCOMPARE(z1->sample, QJsonValue(1));
        QCOMPARE(z1->inferredType.kind, TypeKind::Double); // 1 and 2.5
        QVERIFY(!z1->mapped);

        const auto *sku = find(p, QStringLiteral("items[0].sku"));
        QCOMPARE(sku->count, 2);
        QCOMPARE(sku->sample, QJsonValue(QStringLiteral("x")));
        QCOMPARE(find(p, QStringLiteral("items[1].sku"))->count, 1);
        QCOMPARE(find(p, QStringLiteral("[\"a.b\"]"))->inferredType.kind, TypeKind::Boolean);
        QCOMPARE(find(p, QStringLiteral("e"))->sample, QJsonValue(QJsonObject()));

        // a null first, then a string: the sample is the non-null value; both types counted
        const auto *n = find(p, QStringLiteral("n"));
        QCOMPARE(n->sample, QJsonValue(QStringLiteral("late")));
        QCOMPARE(typeCount(*n, ProfileKind::Null), 1);
        QCOMPARE(typeCount(*n, ProfileKind::String), 1);
        QCOMPARE(n->inferredType.kind, TypeKind::String);

        QCOMPARE(profiler.unmappedCount(), 7);
        QCOMPARE(profiler.neverSeenCount(), 0);
    }

    void emptyContainers()
    {
        FieldProfiler profiler;
        QVERIFY(profiler.addJson(R"({"tags":[],"meta":{},"x":[]})"));
        QVERIFY(profiler.addJson(R"({"tags":["a"],"meta":{},"x":"s"})"));
        QStringList paths;
        for (const auto &path : profiler.profile().paths)
            paths << path.path;
        // tags had elements once: reported as tags[0]; meta is only ever empty; x was once a scalar
        QCOMPARE(paths, (QStringList{QStringLiteral("meta"), QStringLiteral("x"), QStringLiteral("tags[0]")}));
        QCOMPARE(profiler.unmappedCount(), 3);
    }

    void mappedPathsNeverSeenAndCovered()
    {
        FieldProfiler profiler({mapped(QStringLiteral("user"), QStringLiteral("user_json")),
                                mapped(QStringLiteral("user.id"), QStringLiteral("user_id"), TypeKind::BigInt),
                                mapped(QStringLiteral("gone.x"), QStringLiteral("gone_x"), TypeKind::String),
                                mapped(QStringLiteral("k"), QStringLiteral("k"), TypeKind::BigInt)});
        QVERIFY(profiler.addJson(R"({"user":{"id":7,"name":"a"},"k":1,"extra":{"deep":[1,2]}})"));
        QVERIFY(profiler.addJson(R"({"user":{"id":"x8"},"k":"2","extra":{"deep":[3]}})"));
        // a repeated key: the first occurrence counts, as in the mapper
        QVERIFY(profiler.addJson(R"({"k":3,"k":"not a number"})"));
        const FieldProfile p = profiler.profile();
        QCOMPARE(profiler.unmappedCount(), 2); // extra.deep[0], extra.deep[1]; user.name is covered by "user"
        QCOMPARE(profiler.neverSeenCount(), 1);
        QVERIFY(!find(p, QStringLiteral("user.name")));
        QCOMPARE(find(p, QStringLiteral("extra.deep[0]"))->count, 2);
        QCOMPARE(find(p, QStringLiteral("extra.deep[1]"))->count, 1);
        QVERIFY(find(p, QStringLiteral("k"))->mapped);

        QCOMPARE(int(p.mappings.size()), 4);
        QCOMPARE(p.mappings[0].count, 2);
        QCOMPARE(p.mappings[1].count, 2); // below a mapped object, the deeper mapped path is still followed
        QCOMPARE(p.mappings[1].conflicts, 1);
        QCOMPARE(p.mappings[1].conflictSample, QJsonValue(QStringLiteral("x8")));
        QCOMPARE(p.mappings[1].conflictReason, QStringLiteral("cannot convert \"x8\" to BIGINT"));
        QCOMPARE(p.mappings[2].count, 0);
        QCOMPARE(p.mappings[2].column, QStringLiteral("gone_x"));
        QCOMPARE(p.mappings[3].count, 3);
        QCOMPARE(p.mappings[3].conflicts, 0); // 1, "2" and (first occurrence) 3 all convert
    }

    void datetimeInference()
    {
        FieldProfilerOptions options;
        options.timeZone = QTimeZone("Asia/Shanghai");
        FieldProfiler profiler({}, options);
        QVERIFY(
            profiler.addJson(R"({"ts":"2026-11-25 10:00:00","iso":"2026-11-25T10:00:00Z","s":"2026-11-25 10:00:00",)"
                             R"("big":9223372036854775807,"huge":18446744073709551615})"));
        QVERIFY(profiler.addJson(R"({"ts":"20261125100000","iso":null,"s":"yesterday","big":1,"huge":1})"));
        const FieldProfile p = profiler.profile();
        QCOMPARE(find(p, QStringLiteral("ts"))->inferredType.kind, TypeKind::DateTime);
        QCOMPARE(find(p, QStringLiteral("iso"))->inferredType.kind, TypeKind::DateTime);
        QCOMPARE(find(p, QStringLiteral("s"))->inferredType.kind, TypeKind::String);
        QCOMPARE(find(p, QStringLiteral("big"))->inferredType.kind, TypeKind::BigInt);
        QCOMPARE(find(p, QStringLiteral("big"))->sample, QJsonValue(QStringLiteral("9223372036854775807")));
        QCOMPARE(find(p, QStringLiteral("huge"))->inferredType.kind, TypeKind::Double);

        // without type checks (the run's hot path) strings stay STRING
        FieldProfilerOptions fast;
        fast.checkTypes = false;
        FieldProfiler quick({}, fast);
        QVERIFY(quick.addJson(R"({"ts":"2026-11-25 10:00:00"})"));
        QCOMPARE(quick.profile().paths.front().inferredType.kind, TypeKind::String);
    }

    void quotedKeysAndDefaultFieldNames()
    {
        FieldProfiler profiler;
        QVERIFY(profiler.addJson("{\"__key__\":1,\"a\":{\"b.c\":{\"d\":2}},\"q\\\"x\":3,\"'c'\":4,\"\":5,\"[\":6}"));
        QStringList paths;
        for (const auto &path : profiler.profile().paths)
            paths << path.path;
        QCOMPARE(paths, (QStringList{QStringLiteral("[\"__key__\"]"), QStringLiteral("a[\"b.c\"].d"),
                                     QStringLiteral("[\"q\\\"x\"]"), QStringLiteral("[\"'c'\"]"),
                                     QStringLiteral("[\"\"]"), QStringLiteral("[\"[\"]")}));
        for (const QString &path : paths) {
            const auto parsed = JsonPath::parse(path);
            QVERIFY2(parsed.ok(), qPrintable(path));
            QCOMPARE(parsed->toString(), path);
        }
    }

    void manyKeysAndPathLimit()
    {
        // objects with many keys in changing order are found by hash, not by a linear scan
        FieldProfiler profiler;
        QString a = QStringLiteral("{");
        QString b = QStringLiteral("{");
        for (int i = 0; i < 40; ++i) {
            a += QStringLiteral("%1\"k%2\":%2").arg(i ? QStringLiteral(",") : QString()).arg(i);
            b += QStringLiteral("%1\"k%2\":%2").arg(i ? QStringLiteral(",") : QString()).arg(39 - i);
        }
        a += QLatin1Char('}');
        b += QLatin1Char('}');
        QVERIFY(profiler.addJson(a.toStdString()));
        QVERIFY(profiler.addJson(b.toStdString()));
        const FieldProfile p = profiler.profile();
        QCOMPARE(int(p.paths.size()), 40);
        for (const auto &path : p.paths)
            QCOMPARE(path.count, 2);
        QVERIFY(!p.truncated);

        FieldProfilerOptions small;
        small.maxPaths = 10;
        FieldProfiler limited({}, small);
        QVERIFY(limited.addJson(a.toStdString()));
        QVERIFY(limited.profile().truncated);
        QCOMPARE(int(limited.profile().paths.size()), 10);
    }

    void shapeMemoCountsAsTheWalkDoes()
    {
        // Documents shaped alike are counted by replaying a remembered walk (no checkTypes). Whatever the order
        // and mix of shapes, the profile must be the one the walk alone gives.
        std::vector<std::string> docs = {
            R"({"a":{"a1":"x","a2":1},"c":["p","q"],"n":1,"flag":true,"s":"short"})",
            R"({"a":{"a1":"longer text","a2":22},"c":["pp","qqq"],"n":-7,"flag":false,"s":"s"})", // alike
            R"({"a":{"a1":"x","a2":1},"c":["p","q"],"n":2.5,"flag":true,"s":"short"})",           // n a double
            R"({"a":{"a1":"x","a3":1},"c":["p","q"],"n":1,"flag":true,"s":"short"})",             // a key renamed
            R"({"a":{"a1":"x","a2":1},"c":["p","q","r"],"n":1,"flag":true,"s":"short"})",         // c longer
            R"({"a":{"a1":"x","a2":1},"c":["p","q"],"n":1,"flag":true,"s":null})",                // s null
            R"({"a":{"a1":"y","a2":3},"c":["p","q"],"n":5,"flag":false,"s":"again"})",            // like the second
            R"({"a":{"a1":"first","a1":"second"},"n":1})",                                        // repeated key
            R"({"a":{"a1":"third","a1":"fourth"},"n":2})",
            R"({"abcdefghijkl":1,"abcdefghijk":2,"a_key_longer_than_twelve":3})", // 12, 11, 24 bytes
            R"({"abcdefghijkm":1,"abcdefghijk":2,"a_key_longer_than_twelve":3})",
            R"({"abcdefghijkl":1,"abcdefghijx":2,"a_key_longer_than_twelve":3})",
            R"({"abcdefghijkl":1,"abcdefghijk":2,"a_key_longer_than_twelvE":3})",
            R"({"abcdefghijkl":9,"abcdefghijk":8,"a_key_longer_than_twelve":7})",
            R"({"big":18446744073709551615})", // unsigned
            R"({"big":1})",
            R"({"big":18446744073709551614})",
            R"({"e":{},"f":[]})",
            R"({"e":{},"f":[]})",
            R"({"e":{"g":1},"f":[]})",
            R"(5)",
            R"("text")",
            R"([1,"x",{"y":true}])",
            R"([2,"z",{"y":false}])",
            R"({"a":{"a1":"z","a2":4},"c":["p","q"],"n":6,"flag":true,"s":"back"})",
            R"({"flag":true,"s":"x"})",
            R"({"flag":null,"s":"y"})", // one word where true was, as null, a string or an empty object is
            R"({"flag":"t","s":"z"})",
            R"({"flag":false,"s":"w"})", // like the 26th
        };
        for (int i = 0; i < 100; ++i) // more shapes than are remembered, none repeating: the memo pauses
            docs.push_back(QStringLiteral("{\"k%1\":%1,\"d\":[{\"AA\":\"v\"}]}").arg(i).toStdString());
        for (int i = 0; i < 20; ++i)
            docs.push_back(docs[std::size_t(i % 2)]);
        for (int i = 0; i < 5000; ++i) // past the pause: remembered again
            docs.push_back(QStringLiteral("{\"a\":{\"a1\":\"v%1\",\"a2\":%1},\"n\":%1}").arg(i).toStdString());

        const std::vector<ProfiledMapping> mappings = {mapped(QStringLiteral("a.a1"), QStringLiteral("a1")),
                                                       mapped(QStringLiteral("c[1]"), QStringLiteral("c1")),
                                                       mapped(QStringLiteral("d[0].AA"), QStringLiteral("aa")),
                                                       mapped(QStringLiteral("gone"), QStringLiteral("g"))};
        FieldProfiler walked(mappings, runOptions(false));
        FieldProfiler replayed(mappings, runOptions(true));
        for (const std::string &doc : docs) {
            QVERIFY(walked.addJson(doc));
            QVERIFY(replayed.addJson(doc));
        }
        QCOMPARE(walked.shapeHits(), 0);
        // Four shapes are remembered, the most recently used kept. Replayed: the 2nd (like the 1st), the 9th
        // (like the 8th), the 14th (like the 10th), the 17th (like the 15th), the 19th, the 24th and the 29th:
        // 7. The 7th and 25th are like the 1st, forgotten by then. The 30th and the next 63 miss: the memo
        // pauses for 4096 messages (the 94th to the 4189th, walked), so of the last 5000 (the 150th to the
        // 5149th) the 4190th is walked and remembered and the 959 after it are replayed.
        QCOMPARE(replayed.shapeHits(), 7 + 959);

        const FieldProfile a = walked.profile();
        const FieldProfile b = replayed.profile();
        QCOMPARE(b.messages, a.messages);
        QCOMPARE(b.truncated, a.truncated);
        QCOMPARE(b.paths.size(), a.paths.size());
        for (std::size_t i = 0; i < a.paths.size(); ++i) {
            const FieldProfile::Path &x = a.paths[i];
            const FieldProfile::Path &y = b.paths[i];
            QCOMPARE(y.path, x.path);
            QCOMPARE(y.count, x.count);
            QVERIFY2(y.types == x.types, qPrintable(x.path));
            QCOMPARE(y.sample, x.sample);
            QCOMPARE(y.mapped, x.mapped);
            QCOMPARE(y.inferredType.toString(), x.inferredType.toString());
        }
        QCOMPARE(b.mappings.size(), a.mappings.size());
        for (std::size_t i = 0; i < a.mappings.size(); ++i)
            QCOMPARE(b.mappings[i].count, a.mappings[i].count);
        QCOMPARE(replayed.unmappedCount(), walked.unmappedCount());
        QCOMPARE(replayed.neverSeenCount(), walked.neverSeenCount());
        // n is a number in the first 9 documents, the 25th, the 20 repeats and the last 5000
        const FieldProfile::Path *n = find(b, QStringLiteral("n"));
        QVERIFY(n);
        QCOMPARE(typeCount(*n, ProfileKind::Number), 9 + 1 + 20 + 5000);
        QCOMPARE(n->inferredType.kind, TypeKind::Double); // the 3rd's 2.5
    }

    void shapeMemoKeepsReplaysOverLongDocuments()
    {
        // Documents too long to remember are walked and not remembered; 64 of them in a row pause the memo,
        // which must not lose the replays of the shapes it drops then.
        FieldProfiler walked({}, runOptions(false));
        FieldProfiler replayed({}, runOptions(true));
        std::vector<std::string> docs;
        for (int i = 0; i < 10; ++i)
            docs.push_back(QStringLiteral("{\"n\":%1,\"s\":\"v%1\"}").arg(i).toStdString());
        for (int i = 0; i < 70; ++i)
            docs.push_back(longDocument());
        for (const std::string &doc : docs) {
            QVERIFY(walked.addJson(doc));
            QVERIFY(replayed.addJson(doc));
        }
        QCOMPARE(replayed.shapeHits(), 9);
        const FieldProfile a = walked.profile();
        const FieldProfile b = replayed.profile();
        const FieldProfile::Path *n = find(b, QStringLiteral("n"));
        QVERIFY(n);
        QCOMPARE(n->count, 10);
        QVERIFY(find(a, QStringLiteral("big[2099]")) && find(b, QStringLiteral("big[2099]")));
        QCOMPARE(find(a, QStringLiteral("big[2099]"))->count, 70);
        QCOMPARE(find(b, QStringLiteral("big[2099]"))->count, 70);
    }

    void shapeMemoAfterALongDocument()
    {
        // A document too long to remember is walked and not remembered; the next shape remembered holds its own
        // walk's counts only.
        FieldProfiler walked({}, runOptions(false));
        FieldProfiler replayed({}, runOptions(true));
        for (const std::string &doc : {std::string(R"({"n":1})"), longDocument(), std::string(R"({"s":"a"})"),
                                       std::string(R"({"s":"b"})"), std::string(R"({"s":"c"})")}) {
            QVERIFY(walked.addJson(doc));
            QVERIFY(replayed.addJson(doc));
        }
        QCOMPARE(replayed.shapeHits(), 2);
        const FieldProfile a = walked.profile();
        const FieldProfile b = replayed.profile();
        QCOMPARE(b.paths.size(), a.paths.size());
        for (std::size_t i = 0; i < a.paths.size(); ++i) {
            QCOMPARE(b.paths[i].path, a.paths[i].path);
            QCOMPARE(b.paths[i].count, a.paths[i].count);
        }
    }

    void mapperReadsMappedValuesOfReplayedDocuments()
    {
        // The mapper takes a mapped path's value where the profiler found it; for a replayed document that is
        // the remembered walk's place in the new document.
        MapperSpec spec;
        spec.sourceFields = {QStringLiteral("a.a1"), QStringLiteral("c[1]"), QStringLiteral("d[0].AA"),
                             QStringLiteral("n"), QStringLiteral("flag")};
        spec.destColumns = {QStringLiteral("a1"), QStringLiteral("c1"), QStringLiteral("aa"), QStringLiteral("n"),
                            QStringLiteral("flag")};
        ColumnType text;
        text.kind = TypeKind::String;
        spec.table.name = QStringLiteral("t");
        for (const QString &c : spec.destColumns)
            spec.table.columns.push_back({c, text, {}});
        auto plain = RecordMapper::create(spec);
        spec.profile = true;
        auto profiled = RecordMapper::create(spec);
        QVERIFY(plain.ok() && profiled.ok());
        const std::vector<std::string> values = {
            R"({"a":{"a1":"x"},"c":["p","q"],"d":[{"AA":"d0"}],"n":1,"flag":true})",
            R"({"a":{"a1":"a much longer first string"},"c":["pp","qq"],"d":[{"AA":"e0"}],"n":22,"flag":false})",
            R"({"a":{"a1":"y"},"c":["p","r"],"d":[{"AA":"f0"}],"n":3,"flag":true})",
            R"({"c":["p","s"],"a":{"a1":"z"},"d":[{"AA":"g0"}],"n":4,"flag":true})", // keys in another order
            R"({"a":{"a1":"w"},"c":["p","t"],"d":[{"AA":"h0"}],"n":5,"flag":false})",
            R"({"a":{"a1":"v"},"c":["p","u"],"d":[{"AA":"i0"}],"n":6,"flag":true})",
        };
        for (const std::string &value : values) {
            KafkaMessage m;
            m.value = value;
            Row want;
            Row got;
            QVERIFY(plain->map(m, want, nullptr));
            QVERIFY(profiled->map(m, got, nullptr));
            QVERIFY2(got == want, value.c_str());
        }
        QCOMPARE(profiled->profiler()->shapeHits(), 4); // all but the first and the reordered one
    }

    void mapperProfilesWhileMapping()
    {
        MapperSpec spec;
        spec.sourceFields = {QStringLiteral("__value__"), QStringLiteral("a"), QStringLiteral("gone")};
        spec.destColumns = {QStringLiteral("v"), QStringLiteral("a"), QStringLiteral("g")};
        ColumnType text;
        text.kind = TypeKind::String;
        spec.table.name = QStringLiteral("t");
        spec.table.columns = {{QStringLiteral("v"), text, {}},
                              {QStringLiteral("a"), text, {}},
                              {QStringLiteral("g"), text, {}}};
        Row row;
        KafkaMessage m;
        {
            auto plain = RecordMapper::create(spec);
            QVERIFY(plain.ok());
            QVERIFY(!plain->profiler()); // off unless asked for
        }
        spec.profile = true;
        auto mapper = RecordMapper::create(spec);
        QVERIFY(mapper.ok());
        QVERIFY(mapper->profiler());
        m.value = R"({"a":1,"b":{"c":2}})";
        QVERIFY(mapper->map(m, row, nullptr));
        m.value = "{\"a\":1,\"d\":[true]"; // not closed
        QString reason;
        QVERIFY(!mapper->map(m, row, &reason)); // dirty, counted as invalid
        m.value.reset();
        QVERIFY(mapper->map(m, row, nullptr));
        const FieldProfiler &profiler = *mapper->profiler();
        QCOMPARE(profiler.unmappedCount(), 1);  // b.c
        QCOMPARE(profiler.neverSeenCount(), 1); // gone
        const FieldProfile p = profiler.profile();
        QCOMPARE(p.messages, 3);
        QCOMPARE(p.invalid, 1);
        QCOMPARE(p.nullValues, 1);

        // no JSON path mapped: the value is not parsed, so there is no profile
        spec.sourceFields = {QStringLiteral("__value__")};
        auto valueOnly = RecordMapper::create(spec);
        QVERIFY(valueOnly.ok());
        QVERIFY(!valueOnly->profiler());
    }
};

QTEST_APPLESS_MAIN(TestFieldProfile)
#include "tst_fieldprofile.moc"
