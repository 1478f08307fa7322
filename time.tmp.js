const {articlePageQuery}=require("/work/main/dist/src/graphql/loaders/article-query.js");
const {Client}=require("/work/main/node_modules/pg");
(async()=>{const c=new Client({connectionString:process.argv[2]});await c.connect();
for (const w of process.argv.slice(3)) { const q=articlePageQuery({q:w},20,undefined,{source:null}); const name="s"+Buffer.from(w).toString("hex");
 const n=(await c.query(`select count(*)::int n from article_text where tsv_lang @@ websearch_to_tsquery('english',$1)`,[w])).rows[0].n;
 for(let i=0;i<8;i++) await c.query({name,text:q.sql,values:q.params});
 const t=process.hrtime.bigint(); for(let i=0;i<20;i++) await c.query({name,text:q.sql,values:q.params});
 const old=`SELECT a.id FROM article_text t JOIN article a ON a.id=t.article_id WHERE t.tsv_lang @@ websearch_to_tsquery('english',$1) OR t.tsv_simple @@ to_tsquery('simple',$2) ORDER BY t.published_at DESC, t.article_id DESC LIMIT 20`;
 const t2=process.hrtime.bigint(); for(let i=0;i<5;i++) await c.query(old,[w,"'"+w+"'"]);
 console.log(w, n, "matches; new", (Number(t2-t)/20/1e6).toFixed(2),"ms; plain", (Number(process.hrtime.bigint()-t2)/5/1e6).toFixed(2), "ms"); }
 await c.end();})()
